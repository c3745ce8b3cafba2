package com.emailsync.contacthistory.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

  @ParameterizedTest
  @CsvSource({
    "Carla@Customer.Example, carla@customer.example",
    "' anna@Bücher.example ', anna@xn--bcher-kva.example",
    "anna@xn--bcher-kva.example, anna@xn--bcher-kva.example",
    "first.last+crm@gmail.com, first.last+crm@gmail.com"
  })
  void comparesExactlyCaseInsensitiveWithInternationalDomainsInAscii(String address, String expected) {
    assertThat(Addresses.exact(address)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "First.Last+crm@gmail.com, firstlast@gmail.com",
    "first.last@googlemail.com, firstlast@gmail.com",
    "first.last+news@company.example, first.last@company.example",
    "+only@company.example, +only@company.example",
    "anna+x@Bücher.example, anna@xn--bcher-kva.example"
  })
  void comparesLooselyAsGmailDeliversDroppingTagsEverywhereAndDotsOnlyAtGmail(String address, String expected) {
    assertThat(Addresses.loose(address)).isEqualTo(expected);
  }
}

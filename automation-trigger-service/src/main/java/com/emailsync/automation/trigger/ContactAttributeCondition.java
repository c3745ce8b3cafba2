package com.emailsync.automation.trigger;

import java.util.List;
import java.util.Map;

/**
 * A CRM segment given by a contact attribute: the contact's {@code name} field is one of {@code values} (exactly, as
 * the CRM writes it).
 */
public record ContactAttributeCondition(String name, List<String> values) {

  public ContactAttributeCondition {
    values = List.copyOf(values);
  }

  boolean test(Map<String, String> attributes) {
    String value = attributes.get(name);
    return value != null && values.contains(value);
  }
}

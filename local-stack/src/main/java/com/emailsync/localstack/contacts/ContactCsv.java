package com.emailsync.localstack.contacts;

import com.emailsync.events.ContactChanged;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads contacts from CSV with a header row naming {@code contactId,name,emails} (in any order); a contact with several
 * addresses lists them in one cell, separated by {@code ;}.
 */
final class ContactCsv {

  static final List<String> COLUMNS = List.of("contactId", "name", "emails");

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

  private final Clock clock;

  ContactCsv(Clock clock) {
    this.clock = clock;
  }

  List<ContactChanged> read(String tenantId, Reader csv) {
    return ContactRow.toEvents(tenantId, rows(csv), clock.instant());
  }

  private static List<ContactRow> rows(Reader csv) {
    List<ContactRow> rows = new ArrayList<>();
    try (var parser = FORMAT.parse(csv)) {
      List<String> missing = COLUMNS.stream().filter(column -> !parser.getHeaderMap().containsKey(column)).toList();
      if (!missing.isEmpty()) {
        throw invalid("line 1", "the header row must name the columns " + COLUMNS + "; missing " + missing);
      }
      for (CSVRecord record : parser) {
        // The header is line 1, so record n is on line n + 1 (as long as no quoted cell spans lines).
        String at = "line " + (record.getRecordNumber() + 1);
        if (!record.isConsistent()) {
          rows.add(ContactRow.malformed(at, "expected " + parser.getHeaderNames().size() + " columns, found " + record.size()));
          continue;
        }
        // Every other column is an attribute of the contact (segment, lifecycle...), for automations to filter on.
        java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
        parser.getHeaderNames().stream().filter(column -> !COLUMNS.contains(column))
            .forEach(column -> { if (!record.get(column).isBlank()) { attributes.put(column, record.get(column)); } });
        rows.add(new ContactRow(at, record.get("contactId"), record.get("name"), Arrays.asList(record.get("emails").split(";")), attributes));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (UncheckedIOException e) {
      // Commons CSV reports malformed quoting this way, naming the line.
      throw invalid("the file", "not readable as CSV: " + e.getCause().getMessage());
    }
    return rows;
  }

  private static InvalidContactsException invalid(String at, String message) {
    return new InvalidContactsException(List.of(new InvalidContactsException.Problem(at, message)));
  }
}

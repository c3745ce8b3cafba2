package com.emailsync.syncworker.sync;

import com.emailsync.events.GmailIds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * On Gmail a folder is a label, and a message shows in every folder whose label it carries (INBOX, "Customers", All
 * Mail): one mail, several UIDs. It is published from the first selected folder whose label it carries, and passed
 * over (its UID still read) in the others, so a Gmail message makes one event whatever labels it has. The order is the
 * connection's, with folders that carry no label (All Mail holds everything) last. Stateless: a message labelled after
 * it was published from another folder is published again, which consumers take as the duplicate it is.
 */
public final class LabelledFolders {

  /** Not Gmail: every folder publishes what it holds. */
  public static final LabelledFolders NONE = new LabelledFolders(List.of(), Map.of());

  private final List<String> order;
  private final Map<String, String> labelOf;

  private LabelledFolders(List<String> order, Map<String, String> labelOf) {
    this.order = order;
    this.labelOf = labelOf;
  }

  /**
   * @param selected the connection's folders, in its order
   * @param labelOf the label of each folder, for a Gmail session; none for another server
   */
  public static LabelledFolders of(List<String> selected, Map<String, String> labelOf) {
    if (labelOf.isEmpty()) {
      return NONE;
    }
    List<String> order = new ArrayList<>(selected);
    order.sort(Comparator.comparing(folder -> labelOf.containsKey(folder) ? 0 : 1));
    return new LabelledFolders(List.copyOf(order), Map.copyOf(labelOf));
  }

  /** Whether a selected folder before this one carries one of the message's labels: that one publishes it. */
  public boolean publishedFromAnother(String folder, @Nullable GmailIds gmail) {
    if (gmail == null) {
      return false;
    }
    for (String earlier : order) {
      if (earlier.equals(folder)) {
        return false;
      }
      String label = labelOf.get(earlier);
      if (label != null && gmail.hasLabel(label)) {
        return true;
      }
    }
    return false;
  }
}

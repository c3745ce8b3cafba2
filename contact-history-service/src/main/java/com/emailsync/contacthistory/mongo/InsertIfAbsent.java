package com.emailsync.contacthistory.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * The idempotent write every store here is built on: documents keyed by a stable id go in as one unordered bulk insert,
 * each new one is stored, each already stored one is left as it is and reported, and any other failure is thrown.
 */
public final class InsertIfAbsent {

  private InsertIfAbsent() {}

  /** @return the positions (in {@code documents}) of those whose id was already stored */
  public static Set<Integer> insert(MongoCollection<Document> collection, List<Document> documents) {
    Set<Integer> present = new HashSet<>();
    if (documents.isEmpty()) {
      return present;
    }
    try {
      collection.insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      if (e.getWriteConcernError() != null) {
        throw e;
      }
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        present.add(error.getIndex());
      }
    }
    return present;
  }
}

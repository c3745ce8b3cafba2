package com.emailsync.localstack.demo;

import java.util.List;

/** A contact of the demo tenant, as the demo loads it through the local contact import. */
record DemoContact(String contactId, String name, String email) {

  static final List<DemoContact> ALL =
      List.of(
          new DemoContact("demo-ada", "Ada Lovelace", "ada@analytical-engines.example"),
          new DemoContact("demo-grace", "Grace Hopper", "grace@compilers.example"),
          new DemoContact("demo-alan", "Alan Turing", "alan@bletchley.example"));
}

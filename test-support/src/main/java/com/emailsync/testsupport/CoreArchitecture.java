package com.emailsync.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The rule every service keeps: its use cases and model are plain Java, its adapters do the I/O. */
public final class CoreArchitecture {

  private CoreArchitecture() {}

  /** @param corePackages packages (without sub-packages) that hold a feature's model, use cases and ports */
  public static ArchRule coreImportsNoFramework(String... corePackages) {
    return noClasses()
        .that()
        .resideInAnyPackage(corePackages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..", "jakarta.mail..", "org.eclipse.angus..")
        .because(
            "the core must stay testable without infrastructure: declare a port (interface) in the core and implement it"
                + " in an adapter sub-package (web, mongo, messaging, imap)");
  }
}

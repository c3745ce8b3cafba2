package com.emailsync.connection;

import com.emailsync.testsupport.CoreArchitecture;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.emailsync.connection", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule mailboxCoreIsPlainJava = CoreArchitecture.coreImportsNoFramework("com.emailsync.connection.mailbox", "com.emailsync.connection.discovery", "com.emailsync.connection.oauth");
}

package com.emailsync.contacthistory;

import com.emailsync.testsupport.CoreArchitecture;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.emailsync.contacthistory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coresArePlainJava =
      CoreArchitecture.coreImportsNoFramework(
          "com.emailsync.contacthistory.history",
          "com.emailsync.contacthistory.contacts",
          "com.emailsync.contacthistory.catchup",
          "com.emailsync.contacthistory.settings");
}

package com.emailsync.automation;

import com.emailsync.testsupport.CoreArchitecture;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.emailsync.automation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule triggerCoreIsPlainJava = CoreArchitecture.coreImportsNoFramework("com.emailsync.automation.trigger");
}

package com.emailsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's image as every build writes it: Jib's {@code buildTar} at {@code package}, into
 * {@code target/jib-image.tar}. With no registry in reach that image sits on Jib's empty base ({@code scratch}), so it
 * is our part of the real image, the same layers and config that go on top of the JRE: what it runs, as whom, on
 * which ports, and whether the layers hold everything its class path names.
 */
class ImageTarballTest {

  /** Jib writes the class path the entrypoint reads into the image, beside the classes. */
  private static final String CLASSPATH_FILE = "app/jib-classpath-file";

  /** What compose's health check runs from the class path (docker-compose.yml). */
  private static final String PROBE = "com/emailsync/events/probe/HealthProbe.class";

  enum Service {
    CONNECTION("connection-service", "com.emailsync.connection.ConnectionServiceApplication", 8081, 9081),
    SYNC("sync-worker", "com.emailsync.syncworker.SyncWorkerApplication", 8082, 9082),
    HISTORY("contact-history-service", "com.emailsync.contacthistory.ContactHistoryApplication", 8083, 9083),
    AUTOMATION("automation-trigger-service", "com.emailsync.automation.AutomationTriggerApplication", 8084, 9084);

    final String module;
    final String mainClass;
    final int apiPort;
    final int managementPort;

    Service(String module, String mainClass, int apiPort, int managementPort) {
      this.module = module;
      this.mainClass = mainClass;
      this.apiPort = apiPort;
      this.managementPort = managementPort;
    }

    /** Read once for all the tests: a tarball is some 50 MB of compressed layers. */
    Image image() {
      return IMAGES.computeIfAbsent(this, service -> {
        Path tarball = Path.of(System.getProperty("user.dir")).resolveSibling(module).resolve("target/jib-image.tar");
        assertThat(tarball).as("written by `package` of " + module + " (jib:buildTar, image-tarball)").exists();
        try {
          return Image.read(tarball);
        } catch (IOException e) {
          throw new UncheckedIOException("Could not read " + tarball, e);
        }
      });
    }
  }

  private static final Map<Service, Image> IMAGES = new ConcurrentHashMap<>();

  @ParameterizedTest
  @EnumSource(Service.class)
  void runsTheServiceWithJavaAsAUserThatIsNotRoot(Service service) {
    JsonNode config = service.image().config().path("config");

    assertThat(config.path("User").asString()).isEqualTo("65532:65532");
    assertThat(config.path("Entrypoint").valueStream().map(JsonNode::asString).toList())
        .startsWith("java")
        .contains("-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError")
        .endsWith("-cp", "@/" + CLASSPATH_FILE, service.mainClass);
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void exposesTheApiAndTheActuatorPorts(Service service) {
    assertThat(service.image().config().path("config").path("ExposedPorts").propertyNames())
        .containsExactlyInAnyOrder(service.apiPort + "/tcp", service.managementPort + "/tcp");
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void isNamedAfterTheServiceAtTheProjectVersion(Service service) {
    Image image = service.image();
    String version = image.config().path("config").path("Labels").path("org.opencontainers.image.version").asString();

    assertThat(version).isNotBlank();
    assertThat(image.manifest().path(0).path("RepoTags").valueStream().map(JsonNode::asString).toList())
        .containsExactly("emailsync/" + service.module + ":" + version);
  }

  @ParameterizedTest
  @EnumSource(Service.class)
  void layersHoldTheClassesResourcesAndEveryJarOnTheClassPath(Service service) {
    Image image = service.image();
    String mainClassFile = "app/classes/" + service.mainClass.replace('.', '/') + ".class";
    List<String> classPath =
        Arrays.stream(image.classPath().strip().split(":")).map(entry -> entry.replaceFirst("^/", "")).toList();

    assertThat(image.files()).contains(mainClassFile, "app/resources/" + service.module + ".yml");
    assertThat(classPath).startsWith("app/resources", "app/classes");
    assertThat(classPath.stream().filter(entry -> entry.startsWith("app/libs/")))
        .as("the dependency jars")
        .anySatisfy(jar -> assertThat(jar).matches("app/libs/spring-boot-4.*\\.jar"))
        .anySatisfy(jar -> assertThat(jar).matches("app/libs/kafka-clients-.*\\.jar"))
        .anySatisfy(jar -> assertThat(jar).matches("app/libs/shared-events-.*\\.jar"))
        .allSatisfy(jar -> assertThat(image.files()).as("in a layer").contains(jar));
    assertThat(image.probeOnClassPath()).as("shared-events' jar holds the health probe compose runs").isTrue();
  }

  /**
   * What one image tarball (docker load's format) holds: its manifest, its config, the files of its layers, the class
   * path the entrypoint reads, and whether shared-events' jar there holds the health probe.
   */
  record Image(JsonNode manifest, JsonNode config, Set<String> files, String classPath, boolean probeOnClassPath) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Image read(Path tarball) throws IOException {
      JsonNode manifest = null;
      JsonNode config = null;
      Set<String> files = new HashSet<>();
      String classPath = "";
      boolean probeOnClassPath = false;
      try (var image = new TarArchiveInputStream(Files.newInputStream(tarball))) {
        for (TarArchiveEntry blob = image.getNextEntry(); blob != null; blob = image.getNextEntry()) {
          if (blob.getName().equals("manifest.json")) {
            manifest = JSON.readTree(image.readAllBytes());
          } else if (blob.getName().equals("config.json")) {
            config = JSON.readTree(image.readAllBytes());
          } else if (blob.getName().endsWith(".tar.gz")) {
            var layer = new TarArchiveInputStream(new GzipCompressorInputStream(image));
            for (TarArchiveEntry file = layer.getNextEntry(); file != null; file = layer.getNextEntry()) {
              String name = file.getName().replaceFirst("^/", "");
              files.add(name);
              if (name.equals(CLASSPATH_FILE)) {
                classPath = new String(layer.readAllBytes(), StandardCharsets.UTF_8);
              } else if (name.matches("app/libs/shared-events-.*\\.jar")) {
                probeOnClassPath = holds(layer, PROBE);
              }
            }
          }
        }
      }
      assertThat(manifest).as("manifest.json of " + tarball).isNotNull();
      assertThat(config).as("config.json of " + tarball).isNotNull();
      return new Image(manifest, config, files, classPath, probeOnClassPath);
    }

    private static boolean holds(InputStream jar, String entryName) throws IOException {
      var zip = new ZipInputStream(jar);
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals(entryName)) {
          return true;
        }
      }
      return false;
    }
  }
}

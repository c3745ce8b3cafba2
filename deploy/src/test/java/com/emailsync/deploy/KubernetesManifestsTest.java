package com.emailsync.deploy;

import static com.emailsync.deploy.RenderedOverlay.SERVICES;
import static com.emailsync.deploy.RenderedOverlay.container;
import static com.emailsync.deploy.RenderedOverlay.podLabels;
import static com.emailsync.deploy.RenderedOverlay.podSpec;
import static com.emailsync.deploy.RenderedOverlay.sameNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every object of every overlay of {@code k8s/} is what its typed model knows, and every Deployment runs its service as
 * the platform expects: probed on the health groups the service exposes, with bounded resources, unprivileged.
 */
class KubernetesManifestsTest {

  private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{[A-Z0-9_]+:(\\d+)}");

  private static final Map<String, String> PROBE_PATHS = Map.of(
      "startup", "/actuator/health/liveness",
      "readiness", "/actuator/health/readiness",
      "liveness", "/actuator/health/liveness");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void readsEveryObjectIntoItsTypedModelWithoutAnUnknownField(String overlay) {
    List<String> unknown = RenderedOverlay.of(overlay).manifests().stream()
        .flatMap(manifest -> UnknownFields.in(manifest.object()).stream()
            .map(path -> manifest.describe() + ": " + path))
        .toList();

    assertThat(unknown).as("fields the typed models do not know").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void deploysEachServiceOnceWithOneContainer(String overlay) {
    List<Deployment> deployments = RenderedOverlay.of(overlay).all(Deployment.class);

    assertThat(deployments).extracting(deployment -> deployment.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(SERVICES);
    assertThat(deployments).allSatisfy(deployment -> assertThat(podSpec(deployment).getContainers()).hasSize(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDeploymentProbesTheServicesHealthGroupsOnItsManagementPort(String overlay) {
    assertSoftly(softly -> RenderedOverlay.of(overlay).all(Deployment.class).forEach(deployment -> {
      String service = deployment.getMetadata().getName();
      Container container = container(deployment);
      JsonNode config = serviceConfig(service);
      softly.assertThat(config.at("/management/endpoint/health/probes/enabled").asBoolean())
          .as("%s exposes the liveness and readiness groups", service).isTrue();
      int managementPort = managementPort(container, config);
      softly.assertThat(portNamed(container, "management")).as("%s's management port", service)
          .isEqualTo(managementPort);
      Map<String, Probe> probes = new TreeMap<>();
      probes.put("startup", container.getStartupProbe());
      probes.put("readiness", container.getReadinessProbe());
      probes.put("liveness", container.getLivenessProbe());
      probes.forEach((kind, probe) -> {
        var request = probe == null ? null : probe.getHttpGet();
        softly.assertThat(request).as("%s's %s probe, over HTTP", service, kind).isNotNull();
        if (request != null) {
          softly.assertThat(request.getPath()).as("%s's %s probe path", service, kind).isEqualTo(PROBE_PATHS.get(kind));
          softly.assertThat(portNumber(container, request.getPort())).as("%s's %s probe port", service, kind)
              .isEqualTo(managementPort);
        }
        if (probe != null) {
          softly.assertThat(probe.getTimeoutSeconds()).as("%s's %s probe timeout: longer than the checks' own 2-s bound", service, kind)
              .isNotNull().isGreaterThanOrEqualTo(3);
        }
      });
    }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDeploymentRequestsAndLimitsCpuAndMemory(String overlay) {
    assertSoftly(softly -> RenderedOverlay.of(overlay).all(Deployment.class).forEach(deployment -> {
      String service = deployment.getMetadata().getName();
      var resources = container(deployment).getResources();
      softly.assertThat(resources).as("%s's resources", service).isNotNull();
      if (resources != null) {
        softly.assertThat(resources.getRequests()).as("%s's requests", service).containsKeys("cpu", "memory");
        softly.assertThat(resources.getLimits()).as("%s's limits", service).containsKeys("cpu", "memory");
      }
    }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDeploymentRunsAsTheImagesNonRootUserOnAReadOnlyRootFilesystem(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    assertSoftly(softly -> rendered.all(Deployment.class).forEach(deployment -> {
      String service = deployment.getMetadata().getName();
      PodSpec pod = podSpec(deployment);
      var podContext = pod.getSecurityContext();
      var context = container(deployment).getSecurityContext();
      if (context == null || podContext == null) {
        softly.fail("%s lacks a pod or container securityContext", service);
        return;
      }
      softly.assertThat(firstSet(context.getRunAsNonRoot(), podContext.getRunAsNonRoot()))
          .as("%s runAsNonRoot", service).isTrue();
      softly.assertThat(firstSet(context.getRunAsUser(), podContext.getRunAsUser()))
          .as("%s runAsUser, the image's user", service).isEqualTo(65532L);
      softly.assertThat(context.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", service).isTrue();
      softly.assertThat(context.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", service).isFalse();
      softly.assertThat(context.getCapabilities() == null ? List.of() : context.getCapabilities().getDrop())
          .as("%s drops capabilities", service).containsExactly("ALL");
      var seccomp = firstSet(context.getSeccompProfile(), podContext.getSeccompProfile());
      softly.assertThat(seccomp == null ? null : seccomp.getType()).as("%s seccompProfile", service)
          .isEqualTo("RuntimeDefault");
      softly.assertThat(tmpVolume(pod, container(deployment))).as("%s's /tmp, an emptyDir", service)
          .isNotNull().extracting(Volume::getEmptyDir).isNotNull();
      softly.assertThat(pod.getAutomountServiceAccountToken()).as("%s mounts no API token", service).isFalse();
      softly.assertThat(rendered.named(ServiceAccount.class, pod.getServiceAccountName()))
          .as("%s's ServiceAccount %s", service, pod.getServiceAccountName())
          .hasValueSatisfying(account -> assertThat(account.getAutomountServiceAccountToken()).isFalse());
    }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDeploymentIsSelectedByAPodDisruptionBudget(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    assertSoftly(softly -> rendered.all(Deployment.class).forEach(deployment ->
        softly.assertThat(rendered.all(PodDisruptionBudget.class))
            .as("PodDisruptionBudgets selecting %s", deployment.getMetadata().getName())
            .anyMatch(budget -> sameNamespace(budget, deployment)
                && LabelSelectors.selects(budget.getSpec().getSelector(), podLabels(deployment)))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDeploymentLeavesItsReplicaCountToItsAutoscaler(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);

    assertThat(rendered.all(Deployment.class)).allSatisfy(deployment -> {
      assertThat(deployment.getSpec().getReplicas())
          .as("%s's replicas, which every apply would reset", deployment.getMetadata().getName()).isNull();
      assertThat(rendered.autoscalerOf(deployment.getMetadata().getName())).isNotNull();
    });
  }

  /** The configuration the service ships, whose management port and probe groups the Deployment must match. */
  private static JsonNode serviceConfig(String service) {
    Path file = RenderedOverlay.K8S.resolveSibling(service).resolve("src/main/resources/" + service + ".yml");
    try {
      return new YAMLMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** MANAGEMENT_PORT as the container sets it, else the default of the service's {@code ${MANAGEMENT_PORT:...}}. */
  private static int managementPort(Container container, JsonNode config) {
    return container.getEnv().stream()
        .filter(env -> env.getName().equals("MANAGEMENT_PORT") && env.getValue() != null)
        .map(env -> Integer.parseInt(env.getValue()))
        .findFirst()
        .orElseGet(() -> {
          Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(config.at("/management/server/port").asString());
          assertThat(placeholder.matches()).as("management.server.port with a default").isTrue();
          return Integer.parseInt(placeholder.group(1));
        });
  }

  private static Integer portNamed(Container container, String name) {
    return container.getPorts().stream().filter(port -> name.equals(port.getName()))
        .map(ContainerPort::getContainerPort).findFirst().orElse(null);
  }

  private static Integer portNumber(Container container, IntOrString port) {
    return port.getIntVal() != null ? port.getIntVal() : portNamed(container, port.getStrVal());
  }

  private static Volume tmpVolume(PodSpec pod, Container container) {
    return container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp")).findFirst()
        .flatMap(mount -> pod.getVolumes().stream()
            .filter(volume -> volume.getName().equals(mount.getName()))
            .findFirst())
        .orElse(null);
  }

  /** A container's setting, else the pod's. */
  @SafeVarargs
  private static <T> T firstSet(T... values) {
    return Stream.of(values).filter(Objects::nonNull).findFirst().orElse(null);
  }
}

package com.emailsync.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One overlay of {@code k8s/} as {@code kubectl kustomize} renders it, each object read into its typed model: fabric8's
 * for Kubernetes' own kinds, Strimzi's ({@code io.strimzi:api}) for {@code KafkaTopic}. An object of a kind or
 * apiVersion neither model knows fails the read: the API server, or the operator it is meant for, would refuse it.
 */
final class RenderedOverlay {

  static final Path K8S = Path.of(System.getProperty("user.dir")).resolveSibling("k8s");

  static final List<String> SERVICES =
      List.of("connection-service", "sync-worker", "contact-history-service", "automation-trigger-service");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

  static {
    // The apiVersion our topics use (served by Strimzi 0.22 to 0.49); Strimzi's class is annotated with the newer v1.
    SERIALIZATION.registerKubernetesResource("kafka.strimzi.io/v1beta2", "KafkaTopic", KafkaTopic.class);
  }

  /** An object of the rendering: its typed model, and how to name it in a failure. */
  record Manifest(HasMetadata object) {
    String describe() {
      String namespace = object.getMetadata().getNamespace();
      return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }
  }

  private final List<Manifest> manifests;

  private RenderedOverlay(List<Manifest> manifests) {
    this.manifests = manifests;
  }

  /** {@code dev} or {@code prod}, rendered once per test run. */
  static RenderedOverlay of(String overlay) {
    return RENDERED.computeIfAbsent(overlay, RenderedOverlay::render);
  }

  private static RenderedOverlay render(String overlay) {
    String yaml = kustomize(K8S.resolve("overlays").resolve(overlay));
    List<Manifest> manifests = new ArrayList<>();
    for (JsonNode tree : new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
      if (tree == null || tree.isNull() || tree.isEmpty()) {
        continue;
      }
      String apiVersion = tree.path("apiVersion").asString();
      String kind = tree.path("kind").asString();
      Class<? extends KubernetesResource> type = SERIALIZATION.getRegisteredKubernetesResource(apiVersion, kind);
      if (type == null) {
        throw new AssertionError("%s renders a %s of apiVersion %s (%s), which no typed model knows"
            .formatted(overlay, kind, apiVersion, tree.path("metadata").path("name").asString()));
      }
      manifests.add(new Manifest((HasMetadata) SERIALIZATION.unmarshal(tree.toString(), type)));
    }
    return new RenderedOverlay(List.copyOf(manifests));
  }

  List<Manifest> manifests() {
    return manifests;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return manifests.stream().map(Manifest::object).filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
    return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
  }

  /** The policies whose pod selector takes the Deployment's pods, in its namespace. */
  List<NetworkPolicy> policiesSelecting(Deployment deployment) {
    return all(NetworkPolicy.class).stream()
        .filter(policy -> sameNamespace(policy, deployment)
            && LabelSelectors.selects(policy.getSpec().getPodSelector(), podLabels(deployment)))
        .toList();
  }

  HorizontalPodAutoscaler autoscalerOf(String deployment) {
    return all(HorizontalPodAutoscaler.class).stream()
        .filter(autoscaler -> autoscaler.getSpec().getScaleTargetRef().getKind().equals("Deployment")
            && autoscaler.getSpec().getScaleTargetRef().getName().equals(deployment))
        .findFirst().orElseThrow(() -> new AssertionError("no HorizontalPodAutoscaler scales " + deployment));
  }

  /** By the topic Strimzi creates: spec.topicName, else the resource's name. */
  Map<String, KafkaTopic> kafkaTopics() {
    return all(KafkaTopic.class).stream().collect(Collectors.toMap(
        topic -> Objects.requireNonNullElse(topic.getSpec().getTopicName(), topic.getMetadata().getName()),
        Function.identity()));
  }

  static PodSpec podSpec(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec();
  }

  /** Each service runs one container (checked by {@code KubernetesManifestsTest}). */
  static Container container(Deployment deployment) {
    return podSpec(deployment).getContainers().getFirst();
  }

  static Map<String, String> podLabels(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getLabels();
  }

  static boolean sameNamespace(HasMetadata one, HasMetadata other) {
    return Objects.equals(one.getMetadata().getNamespace(), other.getMetadata().getNamespace());
  }

  /** kubectl's own kustomize, as operators render; a missing kubectl fails the test, never skips it. */
  private static String kustomize(Path overlay) {
    try {
      Path errors = Files.createTempFile("kustomize", ".err");
      Process process;
      try {
        process = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
            .redirectError(errors.toFile())
            .start();
      } catch (IOException e) {
        throw new AssertionError("kubectl is not on the PATH: .ci/install-test-deps installs it", e);
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize %s failed: %s".formatted(overlay, Files.readString(errors)));
      }
      Files.delete(errors);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

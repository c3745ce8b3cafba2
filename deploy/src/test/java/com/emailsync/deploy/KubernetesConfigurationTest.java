package com.emailsync.deploy;

import static com.emailsync.deploy.RenderedOverlay.container;
import static com.emailsync.deploy.RenderedOverlay.podSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service is given, from ConfigMaps and Secrets, what it cannot work without; dev generates every Secret key the
 * Deployments read, and prod holds no Secret value, only the names of the Secrets created out of band.
 */
class KubernetesConfigurationTest {

  private static final Set<String> EVERY_SERVICE_NEEDS = Set.of(
      "KAFKA_BOOTSTRAP_SERVERS", "EMAILSYNC_KAFKA_CREATE_TOPICS", "EMAILSYNC_AUTH_ISSUER", "EMAILSYNC_AUTH_JWKS_URI");

  /** What each service cannot start without (its @NotBlank properties), or would run without a flow it needs. */
  private static final Map<String, Set<String>> SERVICE_NEEDS = Map.of(
      "connection-service", Set.of("MONGODB_URI", "EMAILSYNC_SECRETS_AT_REST_KEY", "EMAILSYNC_SECRETS_TRANSPORT_KEY",
          "EMAILSYNC_OAUTH_REDIRECTURI"),
      "sync-worker", Set.of("EMAILSYNC_SECRETS_TRANSPORT_KEY", "EMAILSYNC_CONNECTION_SERVICE_URL",
          "EMAILSYNC_CONNECTION_SERVICE_TOKEN_URI", "EMAILSYNC_CONNECTION_SERVICE_CLIENT_ID",
          "EMAILSYNC_CONNECTION_SERVICE_CLIENT_SECRET"),
      "contact-history-service", Set.of("MONGODB_URI"),
      "automation-trigger-service", Set.of("MONGODB_URI", "EMAILSYNC_SECRETS_AT_REST_KEY",
          "EMAILSYNC_CONTACT_HISTORY_URL", "EMAILSYNC_CONTACT_HISTORY_TOKEN_URI", "EMAILSYNC_CONTACT_HISTORY_CLIENT_ID",
          "EMAILSYNC_CONTACT_HISTORY_CLIENT_SECRET"));

  /** A Spring placeholder without a default: unset, the service does not start. */
  private static final Pattern REQUIRED_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyServiceIsGivenTheSettingsItCannotWorkWithout(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    assertSoftly(softly -> rendered.all(Deployment.class).forEach(deployment -> {
      String service = deployment.getMetadata().getName();
      Set<String> environment = environment(rendered, container(deployment));
      softly.assertThat(environment).as("%s's environment", service)
          .containsAll(EVERY_SERVICE_NEEDS).containsAll(SERVICE_NEEDS.get(service));
      mountedConfigMaps(rendered, deployment).forEach(file -> file.getData().forEach((key, content) -> {
        Matcher placeholders = REQUIRED_PLACEHOLDER.matcher(content);
        while (placeholders.find()) {
          softly.assertThat(environment).as("%s's environment, for ${%s} in %s of ConfigMap %s", service,
              placeholders.group(1), key, file.getMetadata().getName()).contains(placeholders.group(1));
        }
      }));
    }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyConfigMapADeploymentReadsIsRendered(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    assertSoftly(softly -> rendered.all(Deployment.class).forEach(deployment ->
        configMapsRead(deployment).forEach(name -> softly.assertThat(rendered.named(ConfigMap.class, name))
            .as("ConfigMap %s that %s reads", name, deployment.getMetadata().getName()).isPresent())));
  }

  @Test
  void bothOverlaysReadTheSameSecretKeys() {
    assertThat(secretKeysRead(RenderedOverlay.of("prod"))).isNotEmpty()
        .isEqualTo(secretKeysRead(RenderedOverlay.of("dev")));
  }

  @Test
  void devGeneratesEverySecretKeyTheServicesRead() {
    RenderedOverlay dev = RenderedOverlay.of("dev");
    Set<String> generated = dev.all(Secret.class).stream()
        .flatMap(secret -> keys(secret).map(key -> secret.getMetadata().getName() + "/" + key))
        .collect(Collectors.toSet());

    assertThat(generated).containsAll(secretKeysRead(dev));
  }

  @Test
  void prodHoldsNoSecretValue() {
    assertThat(RenderedOverlay.of("prod").all(Secret.class)).as("Secrets with values in the prod overlay")
        .allSatisfy(secret -> assertThat(keys(secret)).isEmpty());
  }

  /** The variables the container gets: its own env, and the keys of the ConfigMaps and Secrets it takes whole. */
  private static Set<String> environment(RenderedOverlay rendered, Container container) {
    Set<String> names = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toCollection(TreeSet::new));
    container.getEnvFrom().forEach(source -> {
      if (source.getConfigMapRef() != null) {
        rendered.named(ConfigMap.class, source.getConfigMapRef().getName())
            .ifPresent(configMap -> names.addAll(configMap.getData().keySet()));
      }
      if (source.getSecretRef() != null) {
        rendered.named(Secret.class, source.getSecretRef().getName())
            .ifPresent(secret -> keys(secret).forEach(names::add));
      }
    });
    return names;
  }

  private static List<ConfigMap> mountedConfigMaps(RenderedOverlay rendered, Deployment deployment) {
    return podSpec(deployment).getVolumes().stream().filter(volume -> volume.getConfigMap() != null)
        .flatMap(volume -> rendered.named(ConfigMap.class, volume.getConfigMap().getName()).stream())
        .toList();
  }

  private static Set<String> configMapsRead(Deployment deployment) {
    Container container = container(deployment);
    return Stream.of(
            container.getEnvFrom().stream().filter(source -> source.getConfigMapRef() != null)
                .map(source -> source.getConfigMapRef().getName()),
            container.getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null)
                .map(env -> env.getValueFrom().getConfigMapKeyRef().getName()),
            podSpec(deployment).getVolumes().stream().filter(volume -> volume.getConfigMap() != null)
                .map(volume -> volume.getConfigMap().getName()))
        .flatMap(Function.identity())
        .collect(Collectors.toSet());
  }

  /** Every {@code secret/key} the Deployments read; a Secret taken whole ({@code envFrom}) is {@code secret/*}. */
  private static Set<String> secretKeysRead(RenderedOverlay rendered) {
    return rendered.all(Deployment.class).stream().map(RenderedOverlay::container)
        .flatMap(container -> Stream.concat(
            container.getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .map(env -> env.getValueFrom().getSecretKeyRef())
                .map(reference -> reference.getName() + "/" + reference.getKey()),
            container.getEnvFrom().stream().filter(source -> source.getSecretRef() != null)
                .map(source -> source.getSecretRef().getName() + "/*")))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Stream<String> keys(Secret secret) {
    return Stream.of(secret.getData(), secret.getStringData())
        .filter(Objects::nonNull)
        .flatMap(values -> values.keySet().stream());
  }
}

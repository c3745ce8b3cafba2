package com.emailsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing reaches or leaves a service but the flows of the README's diagram: the ports each is reached on and reaches,
 * each rule naming its peers, under a default deny.
 */
class KubernetesNetworkPoliciesTest {

  /** DNS, Kafka (plain and TLS listeners), the identity provider in-cluster. */
  private static final Set<Integer> PLATFORM_EGRESS = Set.of(53, 9092, 9093, 8080, 8443);

  private static final int MONGODB = 27017, IMAPS = 993, IMAP = 143, HTTPS = 443;

  /** Each API from the CRM's gateway (internal APIs from their callers), each management port from Prometheus. */
  private static final Map<String, Set<Integer>> INGRESS_PORTS = Map.of(
      "connection-service", Set.of(8081, 9081),
      "sync-worker", Set.of(9082),
      "contact-history-service", Set.of(8083, 9083),
      "automation-trigger-service", Set.of(8084, 9084));

  /** Beyond the platform: MongoDB, mail servers, OAuth providers and webhooks on 443, the internal APIs. */
  private static final Map<String, Set<Integer>> EGRESS_PORTS = Map.of(
      "connection-service", Set.of(MONGODB, IMAPS, IMAP, HTTPS),
      "sync-worker", Set.of(IMAPS, IMAP, 8081),
      "contact-history-service", Set.of(MONGODB),
      "automation-trigger-service", Set.of(MONGODB, HTTPS, 8083));

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void deniesEveryFlowThatNoPolicyAllows(String overlay) {
    List<NetworkPolicy> policies = RenderedOverlay.of(overlay).all(NetworkPolicy.class);

    assertThat(policies).as("a default deny of ingress and egress").anyMatch(policy ->
        LabelSelectors.isEmpty(policy.getSpec().getPodSelector())
            && policy.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
            && policy.getSpec().getIngress().isEmpty()
            && policy.getSpec().getEgress().isEmpty());
    assertThat(policies).as("rules open to any peer").allSatisfy(policy -> {
      assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty());
      assertThat(policy.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyDeploymentIsSelectedByANetworkPolicyOfItsOwn(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    List<Deployment> deployments = rendered.all(Deployment.class);
    // The default deny and the shared platform egress select every service; one that selects this service only says
    // what it may do.
    assertSoftly(softly -> deployments.forEach(deployment ->
        softly.assertThat(rendered.policiesSelecting(deployment))
            .as("NetworkPolicies selecting %s and no other service", deployment.getMetadata().getName())
            .anyMatch(policy -> deployments.stream()
                .filter(other -> rendered.policiesSelecting(other).contains(policy))
                .count() == 1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyServiceIsReachedAndReachesOnlyOnThePortsOfItsFlows(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    assertSoftly(softly -> rendered.all(Deployment.class).forEach(deployment -> {
      String service = deployment.getMetadata().getName();
      List<NetworkPolicy> policies = rendered.policiesSelecting(deployment);
      Set<Integer> egress = new TreeSet<>(PLATFORM_EGRESS);
      egress.addAll(EGRESS_PORTS.get(service));
      softly.assertThat(ports(policies.stream().flatMap(policy -> policy.getSpec().getIngress().stream())
              .flatMap(rule -> rule.getPorts().stream())))
          .as("ports %s is reached on", service).isEqualTo(new TreeSet<>(INGRESS_PORTS.get(service)));
      softly.assertThat(ports(policies.stream().flatMap(policy -> policy.getSpec().getEgress().stream())
              .flatMap(rule -> rule.getPorts().stream())))
          .as("ports %s reaches", service).isEqualTo(egress);
    }));
  }

  private static Set<Integer> ports(Stream<NetworkPolicyPort> ports) {
    return ports.map(port -> port.getPort().getIntVal()).collect(Collectors.toCollection(TreeSet::new));
  }
}

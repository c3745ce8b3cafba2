package com.emailsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
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

  /** Who may open each port: the gateway, the internal API's callers, Prometheus ({@code namespace/name}, or a name here). */
  private static final Map<String, Map<Integer, Set<String>>> INGRESS_PEERS = Map.of(
      "connection-service", Map.of(8081, Set.of("crm/crm-gateway", "sync-worker"), 9081, Set.of("monitoring/prometheus")),
      "sync-worker", Map.of(9082, Set.of("monitoring/prometheus")),
      "contact-history-service", Map.of(8083, Set.of("crm/crm-gateway", "automation-trigger-service"), 9083, Set.of("monitoring/prometheus")),
      "automation-trigger-service", Map.of(8084, Set.of("crm/crm-gateway"), 9084, Set.of("monitoring/prometheus")));

  /** The internal APIs each service calls, and whose pods answer them. */
  private static final Map<String, Map<Integer, Set<String>>> EGRESS_PEERS = Map.of(
      "sync-worker", Map.of(8081, Set.of("connection-service")),
      "automation-trigger-service", Map.of(8083, Set.of("contact-history-service")));

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void eachPortIsOpenToThePeersOfItsFlowOnly(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    assertSoftly(softly -> rendered.all(Deployment.class).forEach(deployment -> {
      String service = deployment.getMetadata().getName();
      List<NetworkPolicy> policies = rendered.policiesSelecting(deployment);
      INGRESS_PEERS.get(service).forEach((port, peers) -> {
        Set<String> reachedBy = peers(policies.stream().flatMap(policy -> policy.getSpec().getIngress().stream())
            .filter(rule -> opens(rule.getPorts(), port)).flatMap(rule -> rule.getFrom().stream()));
        softly.assertThat(reachedBy).as("who reaches %s on %d", service, port).isEqualTo(new TreeSet<>(peers));
      });
      EGRESS_PEERS.getOrDefault(service, Map.of()).forEach((port, peers) -> {
        Set<String> reaches = peers(policies.stream().flatMap(policy -> policy.getSpec().getEgress().stream())
            .filter(rule -> opens(rule.getPorts(), port)).flatMap(rule -> rule.getTo().stream()));
        softly.assertThat(reaches).as("whom %s reaches on %d", service, port).isEqualTo(new TreeSet<>(peers));
      });
    }));
  }

  private static boolean opens(List<NetworkPolicyPort> ports, int port) {
    return ports.stream().anyMatch(open -> open.getPort().getIntVal() == port);
  }

  private static Set<String> peers(Stream<NetworkPolicyPeer> peers) {
    return peers.map(KubernetesNetworkPoliciesTest::peer).collect(Collectors.toCollection(TreeSet::new));
  }

  /** A peer as {@code namespace/app} (another namespace) or {@code app} (this one); an address block as its CIDR. */
  private static String peer(NetworkPolicyPeer peer) {
    if (peer.getIpBlock() != null) {
      return peer.getIpBlock().getCidr();
    }
    String app = peer.getPodSelector() == null || peer.getPodSelector().getMatchLabels() == null
        ? "any pod" : peer.getPodSelector().getMatchLabels().getOrDefault("app.kubernetes.io/name", "any pod");
    if (peer.getNamespaceSelector() == null) {
      return app;
    }
    var namespace = peer.getNamespaceSelector().getMatchLabels() == null
        ? "any namespace" : peer.getNamespaceSelector().getMatchLabels().getOrDefault("kubernetes.io/metadata.name", "any namespace");
    return namespace + "/" + app;
  }

  private static Set<Integer> ports(Stream<NetworkPolicyPort> ports) {
    return ports.map(port -> port.getPort().getIntVal()).collect(Collectors.toCollection(TreeSet::new));
  }
}

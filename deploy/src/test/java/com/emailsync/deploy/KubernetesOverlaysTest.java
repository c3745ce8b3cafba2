package com.emailsync.deploy;

import static com.emailsync.deploy.RenderedOverlay.podSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/** What sets the two overlays apart: how many pods run, what a disruption may take, which images. */
class KubernetesOverlaysTest {

  @Test
  void prodRunsAtLeastTwoOfEachServiceAndKeepsOneThroughDisruptions() {
    RenderedOverlay prod = RenderedOverlay.of("prod");

    assertThat(prod.all(Deployment.class)).allSatisfy(deployment ->
        assertThat(prod.autoscalerOf(deployment.getMetadata().getName()).getSpec().getMinReplicas())
            .as("%s's replicas at least", deployment.getMetadata().getName()).isGreaterThanOrEqualTo(2));
    assertThat(prod.all(PodDisruptionBudget.class)).isNotEmpty().allSatisfy(budget ->
        assertThat(budget.getSpec().getMinAvailable()).as(budget.getMetadata().getName())
            .isEqualTo(new IntOrString(1)));
  }

  @Test
  void prodPinsEveryImageToAReleaseOrADigest() {
    assertThat(RenderedOverlay.of("prod").all(Deployment.class))
        .flatExtracting(deployment -> podSpec(deployment).getContainers())
        .extracting(Container::getImage)
        .allSatisfy(image -> assertThat(image).matches(".+(:(?!latest$)(?!.*SNAPSHOT)\\w[\\w.-]*|@sha256:[0-9a-f]{64})"));
  }

  @Test
  void devRunsTheImagesThisTreeBuilds() throws java.io.IOException {
    String version = ComposeFileTest.projectVersion();
    assertThat(RenderedOverlay.of("dev").all(Deployment.class)).isNotEmpty().allSatisfy(deployment ->
        assertThat(podSpec(deployment).getContainers()).extracting(Container::getImage)
            .containsExactly("emailsync/" + deployment.getMetadata().getName() + ":" + version));
  }

  @Test
  void devRunsOneOfEachService() {
    assertThat(RenderedOverlay.of("dev").all(HorizontalPodAutoscaler.class)).isNotEmpty().allSatisfy(autoscaler -> {
      assertThat(autoscaler.getSpec().getMinReplicas()).as(autoscaler.getMetadata().getName()).isEqualTo(1);
      assertThat(autoscaler.getSpec().getMaxReplicas()).as(autoscaler.getMetadata().getName()).isEqualTo(1);
    });
  }
}

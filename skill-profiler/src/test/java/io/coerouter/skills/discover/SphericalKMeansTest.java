package io.coerouter.skills.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coerouter.skills.embed.Embedder;
import org.junit.jupiter.api.Test;

class SphericalKMeansTest {

    /** Two tight groups around the x and y axes. */
    private static final float[][] POINTS = {
        Embedder.normalise(new float[] {1, 0.1f, 0}),
        Embedder.normalise(new float[] {1, -0.1f, 0}),
        Embedder.normalise(new float[] {1, 0, 0.1f}),
        Embedder.normalise(new float[] {0.1f, 1, 0}),
        Embedder.normalise(new float[] {-0.1f, 1, 0}),
        Embedder.normalise(new float[] {0, 1, 0.1f})
    };

    @Test
    void separatesTwoTightGroupsWithUnitCentres() {
        SphericalKMeans.Result result = SphericalKMeans.cluster(POINTS, 2, 3, 100, 1);

        int[] a = result.assignment();
        assertThat(a[0]).isEqualTo(a[1]).isEqualTo(a[2]);
        assertThat(a[3]).isEqualTo(a[4]).isEqualTo(a[5]).isNotEqualTo(a[0]);
        for (float[] centre : result.centroids()) {
            assertThat(Embedder.cosine(centre, centre)).isCloseTo(1, within(1e-5));
        }
        assertThat(result.cohesion()).isGreaterThan(0.99);
    }

    @Test
    void theSilhouetteOfWellSeparatedGroupsIsNearOneAndOfAMixedSplitIsLower() {
        Silhouette silhouette = Silhouette.of(POINTS);

        double separated = silhouette.score(new int[] {0, 0, 0, 1, 1, 1}, 2);
        double mixed = silhouette.score(new int[] {0, 1, 0, 1, 0, 1}, 2);

        assertThat(separated).isGreaterThan(0.9);
        assertThat(mixed).isLessThan(0);
        assertThat(silhouette.score(new int[] {0, 1, 2, 3, 4, 5}, 6)).isZero();
    }
}

/**
 * Skills without a taxonomy: unlabelled questions are embedded, clustered (seeded spherical k-means++, k given or
 * chosen by the silhouette), and each cluster becomes a skill named by its most distinctive terms, with the questions
 * nearest its centre as examples. Questions that came with reference answers become an evaluation set labelled by
 * cluster, so experts can be profiled per discovered skill.
 */
package io.coerouter.skills.discover;

/**
 * Tests of the Helm chart in {@code helm/coe-router}, without a cluster: lint, render-and-assert, negative renders,
 * the values reference in docs/kubernetes.md, and the rendered router container started as a real process.
 */
package io.coerouter.helm;

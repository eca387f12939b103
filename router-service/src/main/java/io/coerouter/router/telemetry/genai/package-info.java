/**
 * OpenTelemetry traces and GenAI metrics: a span per chat request with children for classification, recruiting, queue
 * wait, model load, each expert call and aggregation; the GenAI semantic conventions' names in one place ({@link
 * io.coerouter.router.telemetry.genai.GenAi}).
 */
package io.coerouter.router.telemetry.genai;

/**
 * The web edge of the expert registry: {@code /admin/experts} and its request and response bodies. Answers are typed
 * records; the definition an answer shows is {@link io.coerouter.router.experts.web.ExpertDefinitionJson}, never the
 * configuration binding or the stored form.
 */
package io.coerouter.router.experts.web;

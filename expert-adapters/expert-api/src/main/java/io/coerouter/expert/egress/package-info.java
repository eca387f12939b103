/**
 * Where experts may connect and which credentials they may use: the {@link io.coerouter.expert.egress.EgressPolicy}
 * checks a base URL when an expert is defined and every resolved address before each call, and the {@link
 * io.coerouter.expert.egress.SecretPolicy} decides which environment variables may hold a provider's key.
 */
package io.coerouter.expert.egress;

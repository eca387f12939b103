/** The routing evaluation harness: routed methods against single experts, random choice and the oracle. */
package io.coerouter.skills.evaluate;

package io.coerouter.router.cache;

/**
 * Which entries an admin lists or purges; each part null for any.
 *
 * @param keyId entries made by this API key's requests
 * @param expert entries one of whose answering experts is this one
 * @param skill entries whose question's top skill is this one
 */
public record CacheFilter(String keyId, String expert, String skill) {

    /** Every entry. */
    public static final CacheFilter ALL = new CacheFilter(null, null, null);
}

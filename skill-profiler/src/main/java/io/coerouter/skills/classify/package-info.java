/** Query skill classification: embedding similarity, keyword models, or skills the client names. */
package io.coerouter.skills.classify;

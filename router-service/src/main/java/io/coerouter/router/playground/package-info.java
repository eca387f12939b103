/**
 * The admin console's playground: a chat request routed and answered as {@code /v1/route} and {@code
 * /v1/chat/completions} do (the same parser, the same {@code ChatRouter}), as the admin with no gateway key, with the
 * plan's call count and aggregator and every expert's own answer shown.
 */
package io.coerouter.router.playground;

/** The HTTP edge of the playground: {@code POST /admin/playground/route} and {@code POST /admin/playground/chat}. */
package io.coerouter.router.playground.web;

/** The expert SPI: one interface every model behind the router implements, with its request, response and error types. */
package io.coerouter.expert;

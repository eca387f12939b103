/** Random, URL-safe identifiers with a type prefix ({@code chatcmpl-}, {@code batch_}, {@code key_}), used by every feature. */
package io.coerouter.router.ids;

/** The echo adapter: a built-in diagnostic expert that answers with the last user message, word by word. */
package io.coerouter.expert.echo;

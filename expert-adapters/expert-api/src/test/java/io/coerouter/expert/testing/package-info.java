/** Test fixtures shared with other modules: a loopback OpenAI-protocol server and the expert contract test. */
package io.coerouter.expert.testing;

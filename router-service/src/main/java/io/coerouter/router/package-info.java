/** The CoE Router service: the Spring Boot application that wires the libraries behind an OpenAI-compatible API. */
package io.coerouter.router;

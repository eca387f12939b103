/** Where configured files and folders are read from: one reading of a location setting for every one of them. */
package io.coerouter.router.resources;

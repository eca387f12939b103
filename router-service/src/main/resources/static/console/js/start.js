/* Starts the console once core.js and every page script have loaded (scripts are deferred, so in order). */
Console.start();

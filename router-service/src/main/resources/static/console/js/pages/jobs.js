/* The jobs page: written by its owner (issue 17). */
Console.page('jobs', {title: 'jobs', render: async (main) => { Console.append(main, Console.el('h1', {text: 'jobs'})); }});

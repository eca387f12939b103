/* The overview page: written by its owner (issue 17). */
Console.page('overview', {title: 'overview', render: async (main) => { Console.append(main, Console.el('h1', {text: 'overview'})); }});

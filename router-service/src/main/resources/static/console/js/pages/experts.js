/* The experts page: written by its owner (issue 17). */
Console.page('experts', {title: 'experts', render: async (main) => { Console.append(main, Console.el('h1', {text: 'experts'})); }});

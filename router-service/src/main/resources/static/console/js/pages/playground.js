/* The playground page: written by its owner (issue 17). */
Console.page('playground', {title: 'playground', render: async (main) => { Console.append(main, Console.el('h1', {text: 'playground'})); }});

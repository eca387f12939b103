/* The keys page: written by its owner (issue 17). */
Console.page('keys', {title: 'keys', render: async (main) => { Console.append(main, Console.el('h1', {text: 'keys'})); }});

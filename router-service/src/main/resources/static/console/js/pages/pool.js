/* The pool page: written by its owner (issue 17). */
Console.page('pool', {title: 'pool', render: async (main) => { Console.append(main, Console.el('h1', {text: 'pool'})); }});

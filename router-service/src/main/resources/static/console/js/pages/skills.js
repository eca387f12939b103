/* The skills page: written by its owner (issue 17). */
Console.page('skills', {title: 'skills', render: async (main) => { Console.append(main, Console.el('h1', {text: 'skills'})); }});

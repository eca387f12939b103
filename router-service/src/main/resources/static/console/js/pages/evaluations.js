/* The evaluations page: written by its owner (issue 17). */
Console.page('evaluations', {title: 'evaluations', render: async (main) => { Console.append(main, Console.el('h1', {text: 'evaluations'})); }});

// Starts GraphiQL against this server. Kept out of the page so that the
// Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";
  var container = document.getElementById("graphiql");
  var endpoint = container.getAttribute("data-endpoint") || "/graphql";
  var defaultQuery = [
    "# Welcome to the Partner Portal API.",
    "#",
    "# Most fields need a login: run the `login`",
    "# mutation, then put the token it returns in",
    "# the Headers tab below:",
    '#   { "Authorization": "Bearer <token>" }',
    "#",
    "# Run a query with the play button or Ctrl-Enter.",
    "",
    "query ApiVersion {",
    "  apiVersion",
    "}",
    "",
  ].join("\n");
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  var explorer = GraphiQLPluginExplorer.explorerPlugin();
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      plugins: [explorer],
      // Tokens stay in this tab's memory, never in localStorage.
      shouldPersistHeaders: false,
    })
  );
})();

#!/usr/bin/env bash
# Refreshes the GraphiQL explorer's assets in gql/web/static/graphiql/ from the npm registry,
# so that the explorer works on closed networks (no CDN). Bump the versions here, run it,
# look at the explorer in a browser, and commit the result with VERSIONS.md.
set -euo pipefail

GRAPHIQL=3.9.0            # the last line with a UMD build (4.x+ is ESM-only)
EXPLORER=3.2.6            # @graphiql/plugin-explorer, built for GraphiQL 3
REACT=18.3.1              # React 18: the last major that ships UMD files

dest="$(cd "$(dirname "$0")/.." && pwd)/gql/web/static/graphiql"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

npm pack --silent "graphiql@$GRAPHIQL" "@graphiql/plugin-explorer@$EXPLORER" \
    "react@$REACT" "react-dom@$REACT" >/dev/null
for tgz in *.tgz; do mkdir "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"; done

copy() {  # copy SRC DEST, dropping the source-map comment (the maps are not shipped)
    sed -e '/^\/\/# sourceMappingURL=/d' -e 's#/\*\# sourceMappingURL=[^*]*\*/##' "$1" > "$dest/$2"
}
mkdir -p "$dest"
copy "react-$REACT/package/umd/react.production.min.js" react.production.min.js
copy "react-dom-$REACT/package/umd/react-dom.production.min.js" react-dom.production.min.js
copy "graphiql-$GRAPHIQL/package/graphiql.min.js" graphiql.min.js
copy "graphiql-$GRAPHIQL/package/graphiql.min.css" graphiql.min.css
copy "graphiql-plugin-explorer-$EXPLORER/package/dist/index.umd.js" plugin-explorer.umd.js
copy "graphiql-plugin-explorer-$EXPLORER/package/dist/style.css" plugin-explorer.css

{
    echo "# Vendored GraphiQL assets"
    echo
    echo "Refreshed by \`scripts/vendor-graphiql.sh\` from the npm registry; do not edit by hand."
    echo "Every package below is MIT-licensed; the notices are in LICENSES.txt."
    echo
    echo "| package | version | files |"
    echo "|---|---|---|"
    echo "| graphiql | $GRAPHIQL | graphiql.min.js, graphiql.min.css |"
    echo "| @graphiql/plugin-explorer | $EXPLORER | plugin-explorer.umd.js, plugin-explorer.css |"
    echo "| react | $REACT | react.production.min.js |"
    echo "| react-dom | $REACT | react-dom.production.min.js |"
    echo
    echo "Checksums (sha256):"
    echo
    (cd "$dest" && sha256sum ./*.js ./*.css | sed 's#  \./#  #; s#^#    #')
} > "$dest/VERSIONS.md"

{
    for pkg in "graphiql-$GRAPHIQL" "react-$REACT" "react-dom-$REACT"; do
        echo "=== ${pkg%-*} ==="
        cat "$pkg/package/LICENSE"
        echo
    done
    echo "=== @graphiql/plugin-explorer ==="
    echo "MIT License (declared in its package.json; the package ships no LICENSE file)."
    echo "Copyright (c) 2022 GraphQL Contributors"
} > "$dest/LICENSES.txt"

echo "GraphiQL $GRAPHIQL, explorer $EXPLORER, React $REACT -> $dest"

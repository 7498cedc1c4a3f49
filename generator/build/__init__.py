"""One build, in order: render every output, write it, swap it in.

The floor above the renderers: `pipeline` runs a build, `writer` is the one
place that writes, `parallel` the one that uses the second core, `preview`
the live-reloading server. `build.mkdocs` is the only code that imports
MkDocs or Material; `build.zensical` (`--engine zensical`) runs Zensical, an
optional extra, on the same pages.
"""

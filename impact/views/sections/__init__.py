"""Each page's sections: the render_* functions a page in pages/ calls in order."""

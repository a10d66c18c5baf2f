// A local copy of example.com/colors, used through the replace in ../go.mod.
package colors

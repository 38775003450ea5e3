// Package bloc answers who stands with whom: which actors would vote for a
// proposal against the status quo, which groups of actors end up close
// together after bargaining (blocs), and where the weight sits on the scale
// round by round (KTAB's "effective power landscape").
//
// Weights w_i are exercised power, c_i·s_i on one issue; across issues the
// caller chooses (capability times mean salience is the natural choice).
//
// Blocs. Actors whose positions lie within a tolerance (default 5 points on
// the 0-100 scale) of a neighbour belong together: the blocs start as the
// single-linkage clusters at that tolerance, the connected groups of the
// graph joining every two actors at most tol apart (on one issue: sort the
// positions and cut every gap wider than tol). Chaining can string actors far
// apart into one group (0, 5, 10, 15, 20 are each 5 from a neighbour), so a
// group whose span, the largest distance between two members, exceeds 2·tol
// is split where it is loosest: at its widest link (the longest edge of its
// minimum spanning tree, on one issue the widest gap), and the pieces are
// split again until every span is at most 2·tol. Of equally wide links the
// one giving the most even split in members is cut, then the one lowest on
// the scale: with tol 5, 0, 5, 10, 15, 20 becomes {0, 5} and {10, 15, 20};
// 0, 5, 10, 11 becomes {0, 5} and {10, 11}; 0, 4, 8, 12.5, 13 is cut at its
// widest gap into {0, 4, 8} and {12.5, 13} (TestBlocs has more cases).
// Distances across issues are Euclidean over the issue positions, so 5 points
// means 5 points on one issue or 3 and 4 on two. Comparisons allow 1e-9 of the
// tolerance for rounding.
//
// Blocs are ordered by centre (lexicographically over issues), members by
// position; the same input always gives the same blocs (and listing the actors
// in another order changes only their indices, short of exact ties between
// distinct links in several dimensions).
//
// Supporters and PowerLandscape are one-issue tools: the first splits the
// actors over a proposal y against the status quo z (supporters are those
// with |x_i − y| < |x_i − z|), the second sums w per position bin per round.
package bloc

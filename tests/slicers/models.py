#!/usr/bin/env python3
"""Write the small STL models used to produce the sliced G-code fixtures.

Usage: models.py OUTDIR [--binary]

Python 3 standard library only.  All models are closed, consistently
oriented (outward normals, counter-clockwise seen from outside) meshes:

  cube_hole.stl    20 x 20 x 20 mm cube with a 8 x 8 mm square through hole
                   and a 2 mm 45-degree chamfer around the top edge
                   (walls, infill, top/bottom skin, travel between islands)
  cylinder.stl     diameter 16 mm, 30 mm tall, 48 facets (vase/spiral mode)
  box_a.stl        10 x 10 x 8 mm box  } two separate objects for
  box_b.stl        10 x 10 x 8 mm box  } sequential / multi-tool printing
  tower.stl        5 x 5 x 25 mm thin tower
"""
import math
import os
import struct
import sys


def normal(a, b, c):
    ux, uy, uz = (b[i] - a[i] for i in range(3))
    vx, vy, vz = (c[i] - a[i] for i in range(3))
    n = (uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx)
    length = math.sqrt(sum(x * x for x in n)) or 1.0
    return tuple(x / length for x in n)


def prism(rings, z0, z1):
    """Side walls between two copies of a polygon ring (CCW for outer
    boundaries, CW for holes) at z0 and z1."""
    tris = []
    for ring in rings:
        n = len(ring)
        for i in range(n):
            (x0, y0), (x1, y1) = ring[i], ring[(i + 1) % n]
            a, b = (x0, y0, z0), (x1, y1, z0)
            c, d = (x1, y1, z1), (x0, y0, z1)
            tris += [(a, b, c), (a, c, d)]
    return tris


def frustum(lower, z0, upper, z1):
    """Walls between two rings with the same vertex count (lower at z0,
    upper at z1), both listed in the same orientation."""
    tris = []
    n = len(lower)
    for i in range(n):
        a = lower[i] + (z0,)
        b = lower[(i + 1) % n] + (z0,)
        c = upper[(i + 1) % n] + (z1,)
        d = upper[i] + (z1,)
        tris += [(a, b, c), (a, c, d)]
    return tris


def fan(ring, z, up):
    """Cap a convex ring (CCW) at height z, facing up or down."""
    tris = []
    p0 = ring[0] + (z,)
    for i in range(1, len(ring) - 1):
        p1, p2 = ring[i] + (z,), ring[i + 1] + (z,)
        tris.append((p0, p1, p2) if up else (p0, p2, p1))
    return tris


def square(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def annulus(outer, inner, z, up):
    """Cap between two concentric CCW squares (same vertex order)."""
    tris = []
    for i in range(4):
        o0, o1 = outer[i] + (z,), outer[(i + 1) % 4] + (z,)
        i0, i1 = inner[i] + (z,), inner[(i + 1) % 4] + (z,)
        if up:
            tris += [(o0, o1, i1), (o0, i1, i0)]
        else:
            tris += [(o0, i1, o1), (o0, i0, i1)]
    return tris


def box(x0, y0, z0, x1, y1, z1):
    ring = square(x0, y0, x1, y1)
    return prism([ring], z0, z1) + fan(ring, z0, False) + fan(ring, z1, True)


def cube_hole():
    size, hole, ch = 20.0, 8.0, 2.0
    outer = square(0, 0, size, size)
    top = square(ch, ch, size - ch, size - ch)
    h0 = (size - hole) / 2
    inner = square(h0, h0, h0 + hole, h0 + hole)
    inner_cw = list(reversed(inner))
    zc = size - ch
    tris = prism([outer], 0, zc)            # outer walls up to the chamfer
    tris += frustum(outer, zc, top, size)   # 45-degree chamfer
    tris += prism([inner_cw], 0, size)      # hole walls face inwards
    tris += annulus(outer, inner, 0, False)
    tris += annulus(top, inner, size, True)
    return tris


def cylinder(d=16.0, h=30.0, n=48):
    r = d / 2
    ring = [(r + r * math.cos(2 * math.pi * i / n), r + r * math.sin(2 * math.pi * i / n))
            for i in range(n)]
    ring = [(round(x, 4), round(y, 4)) for x, y in ring]
    return prism([ring], 0, h) + fan(ring, 0, False) + fan(ring, h, True)


MODELS = {
    "cube_hole": cube_hole,
    "cylinder": cylinder,
    "box_a": lambda: box(0, 0, 0, 10, 10, 8),
    "box_b": lambda: box(0, 0, 0, 10, 10, 8),
    "tower": lambda: box(0, 0, 0, 5, 5, 25),
}


def write_ascii(path, name, tris):
    with open(path, "w") as f:
        f.write("solid %s\n" % name)
        for t in tris:
            f.write("  facet normal %g %g %g\n    outer loop\n" % normal(*t))
            for v in t:
                f.write("      vertex %g %g %g\n" % v)
            f.write("    endloop\n  endfacet\n")
        f.write("endsolid %s\n" % name)


def write_binary(path, name, tris):
    with open(path, "wb") as f:
        f.write(("gcode-lapse fixture " + name).encode().ljust(80, b" ")[:80])
        f.write(struct.pack("<I", len(tris)))
        for t in tris:
            f.write(struct.pack("<3f", *normal(*t)))
            for v in t:
                f.write(struct.pack("<3f", *v))
            f.write(b"\0\0")


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 1 or any(a not in ("--binary",) for a in argv[1:] if a.startswith("--")):
        sys.stderr.write("usage: models.py OUTDIR [--binary]\n")
        return 2
    outdir = args[0]
    os.makedirs(outdir, exist_ok=True)
    writer = write_binary if "--binary" in argv else write_ascii
    for name, make in MODELS.items():
        path = os.path.join(outdir, name + ".stl")
        writer(path, name, make())
        print("wrote %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

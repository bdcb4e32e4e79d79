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
  two_boxes_2tools.3mf
                   PrusaSlicer project: box_a on extruder 1, box_b on
                   extruder 2 (per-object extruder needs a project file)

Meshes are centred on X = Y = 0 with the bottom at Z = 0.
"""
import math
import os
import struct
import sys
import zipfile


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


def centered(tris):
    """Move a mesh so its XY bounding box is centred on the origin (CuraEngine
    on the command line does not centre meshes: it adds the bed centre to the
    STL coordinates) and its lowest point is at Z = 0."""
    pts = [v for t in tris for v in t]
    cx = (min(p[0] for p in pts) + max(p[0] for p in pts)) / 2
    cy = (min(p[1] for p in pts) + max(p[1] for p in pts)) / 2
    z0 = min(p[2] for p in pts)
    return [tuple((round(x - cx, 4), round(y - cy, 4), round(z - z0, 4)) for x, y, z in t)
            for t in tris]


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
        writer(path, name, centered(make()))
        print("wrote %s" % path)
    path = os.path.join(outdir, "two_boxes_2tools.3mf")
    write_3mf_two_tools(path)
    print("wrote %s" % path)
    return 0


def mesh_xml(tris):
    index, verts, faces = {}, [], []
    for t in tris:
        face = []
        for v in t:
            if v not in index:
                index[v] = len(verts)
                verts.append(v)
            face.append(index[v])
        faces.append(face)
    return ("<mesh><vertices>"
            + "".join('<vertex x="%g" y="%g" z="%g"/>' % v for v in verts)
            + "</vertices><triangles>"
            + "".join('<triangle v1="%d" v2="%d" v3="%d"/>' % tuple(f) for f in faces)
            + "</triangles></mesh>"), len(faces)


def write_3mf_two_tools(path):
    """A PrusaSlicer 3MF project with box_a on extruder 1 at (95, 110) and
    box_b on extruder 2 at (125, 110): the per-object extruder can only be
    given through the project file (Metadata/Slic3r_PE_model.config), not on
    the command line."""
    objects = [("box_a", 1, 95.0, 110.0), ("box_b", 2, 125.0, 110.0)]
    model = ['<?xml version="1.0" encoding="UTF-8"?>\n<model unit="millimeter" xml:lang="en-US" '
             'xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02"><resources>']
    build = ["<build>"]
    config = ['<?xml version="1.0" encoding="UTF-8"?>\n<config>\n']
    for i, (name, extruder, x, y) in enumerate(objects, 1):
        mesh, nfaces = mesh_xml(centered(MODELS[name]()))
        model.append('<object id="%d" type="model">%s</object>' % (i, mesh))
        build.append('<item objectid="%d" transform="1 0 0 0 1 0 0 0 1 %g %g 0"/>' % (i, x, y))
        config.append(
            ' <object id="%d" instances_count="1">\n'
            '  <metadata type="object" key="name" value="%s"/>\n'
            '  <metadata type="object" key="extruder" value="%d"/>\n'
            '  <volume firstid="0" lastid="%d">\n'
            '   <metadata type="volume" key="name" value="%s"/>\n'
            '   <metadata type="volume" key="volume_type" value="ModelPart"/>\n'
            '  </volume>\n </object>\n' % (i, name, extruder, nfaces - 1, name))
    model.append("</resources>" + "".join(build) + "</build></model>")
    config.append("</config>\n")
    files = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Target="/3D/3dmodel.model" Id="rel0" '
         'Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/></Relationships>'),
        ("3D/3dmodel.model", "".join(model)),
        ("Metadata/Slic3r_PE_model.config", "".join(config)),
    ]
    # fixed timestamps so the archive is byte-for-byte reproducible
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

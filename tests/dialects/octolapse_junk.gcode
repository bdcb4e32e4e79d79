; dialect case: G9999fdafdsafdafsd and K100 (Octolapse's test_parsing.py): commands nothing follows, no move
; source: FormerLurker/Octolapse e174a5c0 octoprint_octolapse/test/test_parsing.py
; firmware: any
; expect x=0 warnings=-
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G9999fdafdsafdafsd
K100

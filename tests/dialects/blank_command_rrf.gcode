; dialect case: G 1 X10 is no command on RRF, T 1 only reports the tool
; source: Duet3D/RepRapFirmware 8875b7ec src/GCodes/GCodeBuffer/StringParser.cpp StringParser::DecodeCommand():983-989; GCodes2.cpp GCodes::HandleTcode():4780-4849
; firmware: rrf
; expect x=0 tool=0 warnings=blank_command:not_run
G90
M82
G92 E0
G1 X0 Y0 Z1 F600
G 1 X10
T 1

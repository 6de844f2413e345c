"""Draws the Callmark icon (a green marker tag with a white tick) as PNGs in
public/icon/, with no image library: run once when the icon changes."""
import struct, zlib, math

def png(size, pixels):
    raw = b''.join(b'\x00' + bytes(row) for row in pixels)
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))

def dist_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))

def draw(size):
    ss = 4  # supersampling for smooth edges
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    u = (x + (sx + .5) / ss) / size
                    v = (y + (sy + .5) / ss) / size
                    r = 0.22
                    cx, cy = min(max(u, r + .04), 1 - r - .04), min(max(v, r + .04), 1 - r - .04)
                    inside = math.hypot(u - cx, v - cy) <= r
                    if not inside:
                        continue
                    tick = min(dist_to_segment(u, v, .26, .52, .43, .69), dist_to_segment(u, v, .43, .69, .75, .33)) < .075
                    c = (255, 255, 255) if tick else (22, 128, 84)
                    acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = ss * ss
            a = acc[3] / n
            if a == 0:
                row += [0, 0, 0, 0]
            else:
                k = acc[3] / 255
                row += [int(acc[0] / k), int(acc[1] / k), int(acc[2] / k), int(a)]
        rows.append(row)
    return png(size, rows)

for s in (16, 32, 48, 128):
    open(f'public/icon/{s}.png', 'wb').write(draw(s))

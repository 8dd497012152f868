import subprocess
import sys
import textwrap

import pytest
import torch

import d2lmini as d2l
from tools.runner import notebook_client
from helpers import notebook


def test_animator_collects_points_without_a_display():
    animator = d2l.Animator(legend=['a', 'b'], nrows=1, ncols=2)
    animator.add(1, [0.5, 0.25])
    animator.add(2, [0.4, None])
    assert animator.X == [[1, 2], [1]]
    assert animator.Y == [[0.5, 0.4], [0.25]]
    assert len(animator.axes[0].lines) == 0  # a redraw is not due yet ...
    animator.flush()  # ... but a loop outside a notebook cell ends so
    assert len(animator.axes) == 2 and animator.axes[1] is not animator.axes[0]
    assert len(animator.axes[0].lines) == 2
    assert [t.get_text() for t in animator.axes[0].get_legend().get_texts()] == ['a', 'b']


def test_animator_accepts_a_single_number():
    animator = d2l.Animator()
    animator.add(1, 3.0)
    animator.add(2, torch.tensor(2.0).item())
    assert animator.Y == [[3.0, 2.0]]
    assert len(animator.axes) == 1


def test_animator_reads_0d_tensors_and_tensors_that_require_grad_when_added():
    w = torch.ones(3, requires_grad=True)
    animator = d2l.Animator(legend=['kayıp', 'doğruluk'])
    animator.add(1, [(w * 2).sum(), torch.tensor(0.5)])
    animator.add(torch.tensor(2), torch.stack([w.sum(), w.mean()]))
    assert animator.X == [[1, 2], [1, 2]] and animator.Y == [[6.0, 3.0], [0.5, 1.0]]
    assert all(type(v) in (int, float) for curve in animator.X + animator.Y for v in curve)
    single = d2l.Animator()
    single.add(1, (w ** 2).sum())  # a 0-d loss that requires grad
    assert single.Y == [[3.0]]
    animator.flush()
    single.flush()  # both draw
    assert len(animator.axes[0].lines) == 2 and len(single.axes[0].lines) == 1


@pytest.mark.parametrize('second', [[1.0, 2.0, 3.0], [1.0], 4.0])
def test_animator_rejects_a_changed_number_of_curves_at_that_add(second):
    animator = d2l.Animator()
    animator.add(1, [0.5, 0.25])
    with pytest.raises(ValueError, match='draws 2 curves') as err:
        animator.add(2, second)
    assert 'eğri' in str(err.value)
    assert animator.Y == [[0.5], [0.25]]  # nothing half-added
    animator.add(2, [0.4, None])
    assert animator.Y == [[0.5, 0.4], [0.25]]


def test_animator_rejects_a_value_that_is_not_one_number():
    with pytest.raises(ValueError, match='one number per curve'):
        d2l.Animator().add(1, [torch.ones(2), 1.0])


@pytest.mark.slow
def test_animator_runs_in_a_plain_script():
    script = textwrap.dedent('''
        import d2lmini as d2l
        a = d2l.Animator(nrows=2, figsize=(5, 5))
        for i in range(3):
            a.axes[1].cla()
            a.axes[1].scatter([i], [i])
            a.add(i, (i, 2 * i))
        print('ok', len(a.X[0]))
    ''')
    out = subprocess.run([sys.executable, '-c', script], capture_output=True,
                         text=True, env={'MPLBACKEND': 'Agg', 'PATH': ''})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == 'ok 3'


def run_notebook(*sources):
    nb = notebook(*(textwrap.dedent(s) for s in sources))
    notebook_client(nb, timeout=120).execute()  # no lost replies (issue 13)
    return nb


@pytest.mark.slow
def test_animator_leaves_one_updated_figure_in_an_executed_notebook():
    nb = run_notebook('''
        import d2lmini as d2l
        d2l.plt.rcParams['svg.fonttype'] = 'none'  # keep text searchable
        animator = d2l.Animator(legend=['kayıp'], ncols=2, figsize=(6, 2))
        for epoch in range(1, 6):
            animator.axes[1].cla()
            animator.axes[1].set_title(f'adim-{epoch}')
            animator.add(epoch, 1 / epoch)
            print('dönem', epoch)
    ''')
    outputs = nb.cells[0].outputs
    figures = [o for o in outputs if o.output_type == 'display_data']
    assert len(figures) == 1
    assert 'image/svg+xml' in figures[0].data
    # the printed lines survive the redraws (no clear_output)
    text = ''.join(o.get('text', '') for o in outputs if o.output_type == 'stream')
    assert text.count('dönem') == 5
    # the one figure shows the final state
    svg = figures[0].data['image/svg+xml']
    assert 'adim-5' in svg and 'adim-1' not in svg


def test_line_plots_are_svg_and_pictures_are_jpeg_never_both():
    nb = run_notebook('''
        import torch
        import d2lmini as d2l
        d2l.use_svg_display()
        d2l.plt.plot([1, 2], [3, 1])
    ''', '''
        _ = d2l.show_images([torch.rand(28, 28)], 1, 1)
    ''')
    (plot,), (picture,) = ([o.data for o in c.outputs if o.output_type == 'display_data']
                           for c in nb.cells)
    assert set(plot) == {'image/svg+xml', 'text/plain'}
    assert set(picture) == {'image/jpeg', 'text/plain'}


def test_show_images_draws_a_grid():
    imgs = [torch.rand(28, 28), torch.rand(1, 28, 28), torch.rand(3, 8, 8),
            d2l.Image.new('RGB', (4, 4))]
    axes = d2l.show_images(imgs, 2, 2, titles=['a', 'b', 'c', 'd'])
    assert len(axes) == 4
    assert [ax.get_title() for ax in axes] == ['a', 'b', 'c', 'd']
    assert axes[0].images[0].get_array().shape == (28, 28)
    assert axes[2].images[0].get_array().shape == (8, 8, 3)


def test_set_figsize_sets_the_default():
    d2l.set_figsize((4, 3))
    assert tuple(d2l.plt.rcParams['figure.figsize']) == (4, 3)


def widget_outputs(nb):
    state = nb.metadata.widgets['application/vnd.jupyter.widget-state+json']['state']
    return [m['state'].get('outputs', []) for m in state.values()
            if m['model_name'] == 'OutputModel']


@pytest.mark.slow
def test_animator_inside_an_output_widget_keeps_one_figure():
    # Front ends ignore display-id updates inside an Output widget, so the
    # Animator must redraw by replacing the widget's content.
    nb = run_notebook('''
        import d2lmini as d2l, ipywidgets as widgets
        from IPython.display import display
        out = widgets.Output()
        display(out)
        with out:
            animator = d2l.Animator(ncols=2)
            for epoch in range(4):
                animator.add(epoch, epoch ** 2)
    ''', '''
        def demo(n=3):
            animator = d2l.Animator()
            for i in range(n):
                animator.add(i, i)
        widgets.interact(demo, n=(1, 5));
    ''')
    outputs = widget_outputs(nb)
    assert len(outputs) == 2
    for captured in outputs:
        assert [o['output_type'] for o in captured] == ['display_data']
        assert 'image/svg+xml' in captured[0]['data']


class FakeClock:
    """Stands in for ``time``: ``tick`` advances it, redraws may cost ``redraw_cost`` each."""

    def __init__(self, redraw_cost=0.0):
        self.now, self.redraw_cost, self.redraws = 100.0, redraw_cost, 0

    def monotonic(self):
        return self.now

    def redrawn(self):
        self.redraws += 1
        self.now += self.redraw_cost


def clocked_animator(monkeypatch, redraw_cost=0.0, **kwargs):
    clock = FakeClock(redraw_cost)
    monkeypatch.setattr(d2l.plotting, 'time', clock)
    animator = d2l.Animator(**kwargs)
    config_axes = animator.config_axes
    animator.config_axes = lambda: (config_axes(), clock.redrawn())  # called once per redraw
    return animator, clock


def test_many_points_in_a_few_seconds_give_a_few_redraws_and_the_last_state(monkeypatch):
    animator, clock = clocked_animator(monkeypatch)
    for i in range(1000):  # five seconds of a fast loop: a point every 5 ms
        animator.add(i, [i, 2 * i])
        clock.now += 0.005
    assert 2 <= clock.redraws <= 5 / d2l.plotting.MIN_REDRAW_INTERVAL + 1
    assert list(animator.axes[0].lines[0].get_xdata())[-1] < 999  # the last points wait
    animator.flush()
    assert list(animator.axes[0].lines[1].get_ydata())[-1] == 2 * 999
    redraws = clock.redraws
    animator.flush()  # nothing new: no redraw
    assert clock.redraws == redraws


def test_live_redraws_take_a_twentieth_of_the_time_and_the_last_one_fits_in_a_tenth(monkeypatch):
    animator, clock = clocked_animator(monkeypatch, redraw_cost=0.1)
    start = clock.now
    for i in range(1000):  # 10 s of training, a point every 10 ms
        animator.add(i, i)
        clock.now += 0.01
    assert clock.redraws >= 2
    assert clock.redraws * 0.1 <= 0.05 * (clock.now - start) + 0.1  # one redraw may overlap
    animator.flush()  # the last state
    assert clock.redraws * 0.1 <= 0.1 * (clock.now - start)


def test_the_point_at_the_end_of_xlim_is_drawn_at_once(monkeypatch):
    animator, clock = clocked_animator(monkeypatch, xlim=[1, 50])
    for epoch in range(1, 51):
        animator.add(epoch, 1 / epoch)
    assert clock.redraws == 1  # the last epoch: the loop took less than FIRST_REDRAW_AFTER
    assert list(animator.axes[0].lines[0].get_xdata()) == list(range(1, 51))


@pytest.mark.slow
def test_many_points_in_notebook_cells_redraw_a_few_times_and_end_on_the_last_state():
    # the cell ends with undrawn points: the post_execute hook must draw them,
    # in the cell's figure and in an Output widget, even when the points were
    # added outside the ``with out:`` block that created the Animator
    nb = run_notebook('''
        import d2lmini as d2l, ipywidgets as widgets
        from IPython.display import display
        d2l.plt.rcParams['svg.fonttype'] = 'none'  # keep text searchable

        def animate(animator, steps=3000):
            shown = animator.show
            animator.show = lambda: (animator.redraws.append(1), shown())
            for i in range(steps):
                animator.fig.suptitle(f'adim-{i}')
                animator.add(i, 1 / (i + 1))
            print('redraws', len(animator.redraws))

        animator = d2l.Animator()
        animator.redraws = []
        animate(animator)
    ''', '''
        out = widgets.Output()
        display(out)
        with out:
            in_widget = d2l.Animator()
        in_widget.redraws = []
        animate(in_widget)
    ''')
    for cell in nb.cells:
        printed = ''.join(o.get('text', '') for o in cell.outputs if o.output_type == 'stream')
        assert int(printed.split()[-1]) <= 20  # not 3000
    figures = [o for o in nb.cells[0].outputs if o.output_type == 'display_data']
    assert len(figures) == 1 and 'adim-2999' in figures[0].data['image/svg+xml']
    assert [o.output_type for o in nb.cells[1].outputs] == ['display_data', 'stream']  # the widget
    [captured] = widget_outputs(nb)
    assert len(captured) == 1 and 'adim-2999' in captured[0]['data']['image/svg+xml']


def test_next_redraw_set_to_zero_redraws_at_the_next_add(monkeypatch):
    # the hook benchmarks/live_plot_cost.py uses to redraw at every point, as the book does
    animator, clock = clocked_animator(monkeypatch)
    for i in range(5):
        animator.next_redraw = 0.0
        animator.add(i, i)
        clock.now += 0.001
    assert clock.redraws == 5
    animator.add(5, 5)  # left alone, the throttle holds the next redraw back
    assert clock.redraws == 5
